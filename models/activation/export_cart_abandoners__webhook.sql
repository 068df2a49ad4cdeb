{#- Cart abandoners for a webhook that triggers the reminder email: one row per customer with
    the time of the latest cart addition in the window and how many products were added.
    Email marketing consent is required; holdout and suppressed customers are left out
    (activation_audience), and so is anyone without an email. -#}

{%- set as_of = var('cdp_segments_as_of', none) %}

with

audience as (

    {{ activation_audience('cart_abandoners', ['email_marketing']) }}

),

customers as (

    select * from {{ ref('customers') }}

),

activities as (

    select * from {{ ref('customer_activities') }}

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

payload as (

    select
        audience.customer_id,
        customers.email,
        customers.first_name,
        carts.last_cart_added_at,
        carts.cart_additions,
        audience.is_email_marketing_consented
    from audience
    inner join customers
        on audience.customer_id = customers.customer_id
    left outer join carts
        on audience.customer_id = carts.customer_id
    where customers.email is not null

),

final as (

    select
        payload.customer_id,
        payload.email,
        payload.first_name,
        payload.last_cart_added_at,
        cast(payload.cart_additions as integer) as cart_additions,
        payload.is_email_marketing_consented,
        {{ export_row_hash([
            'payload.email', 'payload.first_name', 'payload.last_cart_added_at',
            'payload.cart_additions'
        ]) }} as row_hash
    from payload

)

select * from final
