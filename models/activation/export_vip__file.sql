{#- VIP customers for a file drop (CSV for the email team): one row per customer with the
    payload the file needs. Email marketing consent is required; holdout and suppressed
    customers are left out. -#}

with

members as (

    select * from {{ ref('segment_memberships') }}
    where segment_name = 'vip' and not is_holdout

),

customers as (

    select * from {{ ref('customers') }}

),

metrics as (

    select * from {{ ref('customer_metrics') }}

),

consent as (

    {{ export_consent_flags(ref('customer_consent'), ['email_marketing']) }}

),

suppressed as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

audience as (

    select
        members.customer_id,
        customers.email,
        customers.first_name,
        customers.last_name,
        customers.country_code,
        cast(metrics.net_revenue_365d as decimal(18, 2)) as net_revenue_365d,
        consent.is_email_marketing_consented
    from members
    inner join customers
        on members.customer_id = customers.customer_id
    left outer join metrics
        on members.customer_id = metrics.customer_id
    inner join consent
        on members.customer_id = consent.customer_id
    where
        consent.is_email_marketing_consented
        and customers.email is not null
        and not exists (
            select 1 from suppressed
            where suppressed.customer_id = members.customer_id
        )

),

final as (

    select
        audience.customer_id,
        audience.email,
        audience.first_name,
        audience.last_name,
        audience.country_code,
        audience.net_revenue_365d,
        audience.is_email_marketing_consented,
        {{ export_row_hash([
            'audience.email', 'audience.first_name', 'audience.last_name',
            'audience.country_code', 'audience.net_revenue_365d'
        ]) }} as row_hash
    from audience

)

select * from final
