{#- VIP customers for a file drop (CSV for the email team): one row per customer with the
    payload the file needs. Email marketing consent is required; holdout and suppressed
    customers are left out (activation_audience), and so is anyone without an email. -#}

with

audience as (

    {{ activation_audience('vip', ['email_marketing']) }}

),

customers as (

    select * from {{ ref('customers') }}

),

metrics as (

    select * from {{ ref('customer_metrics') }}

),

payload as (

    select
        audience.customer_id,
        customers.email,
        customers.first_name,
        customers.last_name,
        customers.country_code,
        cast(metrics.net_revenue_365d as decimal(18, 2)) as net_revenue_365d,
        audience.is_email_marketing_consented
    from audience
    inner join customers
        on audience.customer_id = customers.customer_id
    left outer join metrics
        on audience.customer_id = metrics.customer_id
    where customers.email is not null

),

final as (

    select
        payload.customer_id,
        payload.email,
        payload.first_name,
        payload.last_name,
        payload.country_code,
        payload.net_revenue_365d,
        payload.is_email_marketing_consented,
        {{ export_row_hash([
            'payload.email', 'payload.first_name', 'payload.last_name',
            'payload.country_code', 'payload.net_revenue_365d'
        ]) }} as row_hash
    from payload

)

select * from final
