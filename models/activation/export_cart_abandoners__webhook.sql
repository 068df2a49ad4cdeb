{#- Cart abandoners for a webhook that triggers the reminder email: one row per customer with
    the time of the latest cart addition in the window and how many products were added.
    Email marketing consent is required; holdout and suppressed customers are left out. -#}

{%- set as_of = var('cdp_segments_as_of', none) %}

with

members as (

    select * from {{ ref('segment_memberships') }}
    where segment_name = 'cart_abandoners' and not is_holdout

),

customers as (

    select * from {{ ref('customers') }}

),

activities as (

    select * from {{ ref('customer_activities') }}

),

consent as (

    {{ export_consent_flags(ref('customer_consent'), ['email_marketing']) }}

),

suppressed as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

as_of as (

    select cast({{ segment_as_of(ref('customer_activities'), as_of) }} as timestamp) as as_of_at

),

carts as (

    -- the same 24-hour window the segment uses
    select
        activities.customer_id,
        max(activities.occurred_at) as last_cart_added_at,
        count(*) as cart_additions
    from activities
    cross join as_of
    where
        activities.activity_type = 'product_added'
        and activities.occurred_at <= as_of.as_of_at
        and activities.occurred_at > {{ dbt.dateadd('hour', -24, 'as_of.as_of_at') }}
    group by activities.customer_id

),

audience as (

    select
        members.customer_id,
        customers.email,
        customers.first_name,
        carts.last_cart_added_at,
        carts.cart_additions,
        consent.is_email_marketing_consented
    from members
    inner join customers
        on members.customer_id = customers.customer_id
    inner join consent
        on members.customer_id = consent.customer_id
    left outer join carts
        on members.customer_id = carts.customer_id
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
        audience.last_cart_added_at,
        cast(audience.cart_additions as integer) as cart_additions,
        audience.is_email_marketing_consented,
        {{ export_row_hash([
            'audience.email', 'audience.first_name', 'audience.last_cart_added_at',
            'audience.cart_additions'
        ]) }} as row_hash
    from audience

)

select * from final
